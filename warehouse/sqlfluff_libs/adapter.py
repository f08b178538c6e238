"""`adapter.dispatch` for sqlfluff's jinja templater: a macro's default implementation stands for every engine."""


def dispatch(macro_name, macro_namespace=None):
    return lambda *args: f"{macro_name}({', '.join(map(str, args))})"
