-- Every reported value ever loaded, numbered by version per engagement, metric and month. A later report
-- for a month already reported (a restatement) supersedes the earlier value; within one load, a file named
-- as a restatement ("restated", "corrected", "revised") comes after the original.
{{ measurement_versions() }}
