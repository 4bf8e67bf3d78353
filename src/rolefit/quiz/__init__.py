"""The quiz layer: the session state machine, the progress store and the terminal front ends."""
