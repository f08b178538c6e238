-- One row per vendor legal entity, with how many engagements it serves.
select
    {{ surrogate_key(['vendor_name']) }} as vendor_sk,
    vendor_name,
    count(*) as engagements,
    min(engagement_type) as first_engagement_type
from {{ ref('stg_contracts') }}
where vendor_name is not null
group by vendor_name
