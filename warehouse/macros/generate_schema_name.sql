{#- PostgreSQL keeps the layers apart: the pipeline's tables in `raw`, staging and intermediate models in
    `staging`, core and mart models (and seeds) in `marts`, so the analyst role can be given `marts` alone. The
    database's search_path lists marts, staging, raw, so unqualified names (`select * from mart_kpi_summary`)
    work as before. DuckDB keeps one schema: its users' SQL names relations without one. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if target.type == 'postgres' and custom_schema_name is not none -%}
        {{ custom_schema_name | trim }}
    {%- else -%}
        {{ target.schema }}
    {%- endif -%}
{%- endmacro %}
