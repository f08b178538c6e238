{#- Round to `digits` decimals, half up, identically on DuckDB and PostgreSQL: both engines do the same IEEE
    double arithmetic here, whereas their own round() functions differ on halves (and PostgreSQL's takes
    only numerics), which would make the two backends disagree in the last digit. -#}
{% macro round_to(expression, digits) -%}
    (floor(cast({{ expression }} as double precision) * cast({{ 10 ** digits }} as double precision) + 0.5)
     / cast({{ 10 ** digits }} as double precision))
{%- endmacro %}
