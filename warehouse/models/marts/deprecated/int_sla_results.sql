-- Deprecated: the intermediate model int_sla_results is the core fact fct_sla_results since 2026-12-05, so that no
-- intermediate model reads core (#31). A view under the old name keeps users' SQL working until its
-- deprecation date in _deprecated.yml; read fct_sla_results.
select * from {{ ref('fct_sla_results') }}
