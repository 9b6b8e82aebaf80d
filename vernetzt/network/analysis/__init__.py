"""The office's analysis of the cooperation network: ``data`` loads it as plain data,
``metrics`` computes (igraph, numpy), ``store`` caches the result by revision and has it
recomputed by a background task (``network.tasks``); the pages read it through
``network.selectors.analysis``."""
