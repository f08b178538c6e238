"""YAML that people write by hand (mapping files), read with a bound on what aliases expand to.

An alias is a pointer to an earlier node; nine levels of nine aliases ("billion laughs") are a few hundred
bytes that expand to a billion values as soon as anything walks them. The size a file expands to is counted
on its node graph, each shared node once per reference, before anything walks it.
"""

from __future__ import annotations

import yaml

MAX_EXPANDED_NODES = 100_000  # a hand-written file holds hundreds


class ExpandsTooFar(yaml.YAMLError):
    pass


def check_aliases(text: str) -> None:
    """Raise ExpandsTooFar when the document's aliases would expand it past MAX_EXPANDED_NODES values."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    sizes: dict[int, int] = {}

    def size(node: yaml.Node) -> int:
        if id(node) in sizes:
            return sizes[id(node)]
        sizes[id(node)] = 1  # a node that refers to itself counts once
        if isinstance(node, yaml.SequenceNode):
            n = 1 + sum(size(child) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            n = 1 + sum(size(k) + size(v) for k, v in node.value)
        else:
            n = 1
        sizes[id(node)] = n
        return n

    if root is not None and size(root) > MAX_EXPANDED_NODES:
        raise ExpandsTooFar(
            f"its aliases (*name) expand it past {MAX_EXPANDED_NODES:,} values: a file built to exhaust memory, "
            "not a hand entry"
        )


def safe_load(text: str):
    check_aliases(text)
    return yaml.safe_load(text)
