{#- PostgreSQL: a read-only `analyst` role for the people who query the warehouse. It gets select on the core
    and mart models (granted by their `grants` config) and nothing on the raw tables or the quarantine. -#}
{% macro create_analyst_role() %}
    {% if target.type == 'postgres' %}
        do $$ begin create role analyst nologin; exception when duplicate_object then null; end $$;
        grant usage on schema {{ target.schema }} to analyst;
    {% endif %}
{% endmacro %}
