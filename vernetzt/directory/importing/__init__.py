"""Import of organisations from the spreadsheets towns already keep (CSV or XLSX).

The flow, shared by the web pages and the ``import_organisations`` command:
``reading`` turns a file into a table, ``columns`` recognises and maps its headers,
``validation`` checks every row into a ``Report`` (the dry run), ``writer`` stores the
accepted rows in one audited transaction, and ``jobs`` keeps the state of a web import.
"""
