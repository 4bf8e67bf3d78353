"""The views layer: wording in plain language, the terminal view, reports and the output writers."""
