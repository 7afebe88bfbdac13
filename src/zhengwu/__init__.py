"""zhengwu: law-based administration and e-government for a county government."""

__version__ = "0.1.0"
