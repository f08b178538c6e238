{#- The percentages the KPI marts show, each written once and unrounded: the marts round them once, and a model
    that averages them (mart_kpi_by_engagement_type) averages these, never the rounded figures. -#}

{#- Realised savings over the months in service; the contract's promise where no month has been charged. -#}
{#- A percentage is a double whatever its money's type (macros/money.sql): decimals divide into decimals of the
    engines' own scales, which differ between DuckDB and PostgreSQL. -#}
{% macro savings_pct(baseline_in_period, charges_in_period, cost_baseline, annual_charges) -%}
    cast(coalesce(
        100.0 * ({{ baseline_in_period }} - {{ charges_in_period }}) / nullif({{ baseline_in_period }}, 0),
        100.0 * ({{ cost_baseline }} - {{ annual_charges }}) / nullif({{ cost_baseline }}, 0)
    ) as double precision)
{%- endmacro %}

{#- A level's average against its pre-outsourcing baseline, positive when better whichever way it counts. -#}
{% macro quality_change_pct(direction, average_actual, baseline_level) -%}
    case
        when {{ direction }} = 'higher'
            then 100.0 * ({{ average_actual }} - {{ baseline_level }}) / nullif({{ baseline_level }}, 0)
        else 100.0 * ({{ baseline_level }} - {{ average_actual }}) / nullif({{ baseline_level }}, 0)
    end
{%- endmacro %}
