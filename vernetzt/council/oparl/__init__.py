"""OParl 1.0 and 1.1: reading a town's council information system into vernetzt.

``importer.import_oparl`` is the entry point; ``tasks.import_oparl_task`` runs it in the task
queue, ``manage.py import_oparl`` on the command line. See docs/council.md.
"""
