"""Staff update the status and progress of many measures at once: an editable table
(``table``) or a CSV/XLSX upload with a dry run (``upload``)."""
