{#- PostgreSQL: a read-only `analyst` role for the people who query the warehouse. It may use the `marts`
    schema only, with select on its core and mart models and seeds (granted by their `grants` config); the raw
    tables, the quarantine and staging are out of its reach. -#}
{% macro create_analyst_role() %}
    {% if target.type == 'postgres' %}
        do $$ begin create role analyst nologin; exception when duplicate_object then null; end $$;
        create schema if not exists marts;
        grant usage on schema marts to analyst;
    {% endif %}
{% endmacro %}
