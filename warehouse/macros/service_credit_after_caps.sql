{#- A month's service credit after the contract's caps: at most what the month's failures earn, at most the
    monthly cap, and at most what the 12-month cap leaves after the credits of the previous 11 months (the cap
    is a share of the charges of those 12 months, this one included). A cap the contract does not state does not
    limit; never below zero. Arguments are SQL expressions. -#}
{% macro service_credit_after_caps(earned, monthly_cap, yearly_cap_pct, charges_12_months, credits_previous_11_months) -%}
    {#- greatest() and least() skip NULLs on both engines, so an unknown earned credit is kept unknown explicitly #}
    case when {{ earned }} is null then null else greatest(
        cast(0 as double precision),
        least(
            cast({{ earned }} as double precision),
            coalesce(cast({{ monthly_cap }} as double precision), cast({{ earned }} as double precision)),
            coalesce(
                cast({{ yearly_cap_pct }} as double precision) / 100.0 * cast({{ charges_12_months }} as double precision)
                    - cast({{ credits_previous_11_months }} as double precision),
                cast({{ earned }} as double precision)
            )
        )
    ) end
{%- endmacro %}
