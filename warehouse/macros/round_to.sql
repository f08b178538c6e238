{#- Round to `digits` decimals, half away from zero (Python's Decimal ROUND_HALF_UP), identically on DuckDB and
    PostgreSQL. The value is taken to a decimal first and rounded there: on a double, floor(x * 100 + 0.5)
    gives 1.00 for 1.005, whose nearest double lies just below it, and the engines' own round() on doubles
    differ on halves. Ten decimals keep every digit a money or percentage figure carries and drop the binary
    noise below them; the result is a double again, so column types stay as they were. -#}
{% macro round_to(expression, digits) -%}
    cast(round(cast({{ expression }} as decimal(38, 10)), {{ digits }}) as double precision)
{%- endmacro %}
