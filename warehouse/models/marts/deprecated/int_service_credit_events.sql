-- Deprecated: the intermediate model int_service_credit_events is the core fact fct_service_credit_events since 2026-12-05, so that no
-- intermediate model reads core (#31). A view under the old name keeps users' SQL working until its
-- deprecation date in _deprecated.yml; read fct_service_credit_events.
select * from {{ ref('fct_service_credit_events') }}
