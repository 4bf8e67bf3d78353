"""The scoring layer: the pure engine, the vectorised and batch scorers, adaptive questioning, simulation and the Result contract."""
