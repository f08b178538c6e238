{#- An amount of money as the marts publish it: rounded once to the cent, half away from zero (round_to.sql),
    and typed decimal(18, 2), so a sum of published amounts is exact and a consumer gets a decimal, not a
    binary float (`Decimal` in Python). 18 digits hold 10^16, above any contract's charges in any currency.
    Deprecated, until 2027-06-30: the var money_as_double, or OUTSOURCING_ETL_MONEY_AS_DOUBLE=true in the
    pipeline's environment, gives the doubles the marts published before 2026-12-07, for a consumer not yet
    ready for decimals (README, "How the numbers are defined"). -#}
{% macro money(expression) -%}
    {%- if var('money_as_double') or env_var('OUTSOURCING_ETL_MONEY_AS_DOUBLE', '') | lower in ('1', 'true', 'yes') -%}
        {{ round_to(expression, 2) }}
    {%- else -%}
        cast(round(cast({{ expression }} as decimal(38, 10)), 2) as decimal(18, 2))
    {%- endif -%}
{%- endmacro %}
