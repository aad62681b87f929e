"""Judging one document against one rulebook: what the rules see (``context``), each element's
status with its evidence (``engine``), the depth checks (``checks``), points and the gate
(``scoring``), and what a check produces (``result``)."""
