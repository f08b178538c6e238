{#- A dimension's surrogate key from its natural key columns: the md5 of their text joined with '-', NULL written
    as a marker so that (NULL, 'a') and ('', 'a') differ (the convention of dbt_utils.generate_surrogate_key, which
    the project does not install for one macro). Facts compute the same hash from their own natural keys, so a
    relationships test from a fact's key to its dimension fails when the dimension lacks the row. -#}
{% macro surrogate_key(columns) -%}
    md5(
        {%- for column in columns %}
        coalesce(cast({{ column }} as varchar), '_null_'){% if not loop.last %} || '-' ||{% endif %}
        {%- endfor %}
    )
{%- endmacro %}

{#- A calendar month's key: yyyymm as an integer (202503), readable where a hash is not. -#}
{% macro month_key(period_month) -%}
    cast(extract(year from {{ period_month }}) * 100 + extract(month from {{ period_month }}) as integer)
{%- endmacro %}
