"""rolefit: a quiz that tells whether you fit the Product Manager or the Product Marketing Manager role better."""

__version__ = "0.1.0"
