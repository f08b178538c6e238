{#- The 1 (most urgent) to 5 level a priority or severity text names, defined once with the seed
    priority_levels and etl/tickets/export.priority_level: a lone digit 1-5 ("1 - Critical", "P2", "Severity 3",
    "Priority 1 Incident Resolution Time") wins, else the most urgent priority word the text contains. A number
    with a unit of time or a share ("within 4 hours") is a threshold, not a level (var not_a_level_pattern). -#}
{% macro priority_level(text) -%}
    coalesce(
        cast(nullif({{ first_level_digit(without_thresholds(text)) }}, '') as integer),
        -- whole words, as etl/tickets/export.py matches them: 'lowest' is not 'low'
        (select min(levels.level) from {{ ref('priority_levels') }} as levels
         where ' ' || regexp_replace(lower({{ text }}), '[^a-z0-9]+', ' ', 'g') || ' ' like '% ' || levels.word || ' %')
    )
{%- endmacro %}

{% macro first_level_digit(text) -%}
    {{ return(adapter.dispatch('first_level_digit')(text)) }}
{%- endmacro %}

{% macro default__first_level_digit(text) -%}
    substring({{ text }} from '(?:^|[^0-9.])([1-5])(?:[^0-9.]|$)')
{%- endmacro %}

{% macro duckdb__first_level_digit(text) -%}
    regexp_extract({{ text }}, '(?:^|[^0-9.])([1-5])(?:[^0-9.]|$)', 1)
{%- endmacro %}

{% macro without_thresholds(text) -%}
    regexp_replace(lower({{ text }}), '{{ var("not_a_level_pattern") }}', ' ', 'g')
{%- endmacro %}
