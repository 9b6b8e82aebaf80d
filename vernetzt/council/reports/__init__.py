"""The council report for one body and period: ``data.collect`` reads it, ``render`` writes it
as PDF (tagged, with SVG charts) or XLSX, ``tasks`` builds a long one in the task queue."""
