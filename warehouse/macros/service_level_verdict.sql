{#- The two verdicts on a value against a contract's levels, defined once: fct_sla_measurement judges each
    reported month with them, restatements the value before and after a restatement, and
    fct_service_credit_events each tier band of a tiered credit. -#}
{% macro meets_expected(value, direction, expected) -%}
    (case when {{ direction }} = 'higher' then {{ value }} >= {{ expected }} else {{ value }} <= {{ expected }} end)
{%- endmacro %}

{#- Below the Minimum level (above it for a lower-is-better level): a breach, for a critical level a Service
    Level Default. -#}
{% macro misses_minimum(value, direction, minimum) -%}
    (case when {{ direction }} = 'higher' then {{ value }} < {{ minimum }} else {{ value }} > {{ minimum }} end)
{%- endmacro %}
