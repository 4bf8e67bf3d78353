"""The commands layer: one module per command, each a thin function over the layers below."""
