"""One OParl import run: read everything, map everything, then write type by type.

Reading and mapping come first, so a source that cannot be read (a missing page, broken
JSON, a server error) fails the run before anything is written. The writes are idempotent
upserts in short batches: should the database fail half-way, running the import again
completes it.
"""

import logging

from django.utils.translation import gettext as _

from vernetzt.council import services
from vernetzt.council.oparl.collect import collect
from vernetzt.council.oparl.mapping import Mapper
from vernetzt.council.oparl.report import IMPORTED_TYPES, Report
from vernetzt.council.oparl.sources import SourceError, open_source
from vernetzt.council.oparl.writer import Writer

logger = logging.getLogger(__name__)


def import_oparl(*, source, actor, progress=lambda message: None, session=None):
    """Import ``source`` (an http(s) address or a folder); returns the ``ImportRun``.

    ``session`` replaces the ``requests`` session (tests mount a fake transport on it).
    """
    run = services.start_import_run(actor=actor, source=source)
    report = Report()
    try:
        services.set_import_stage(run=run, stage=_("reading"))
        collection = collect(open_source(source, session=session), report=report, progress=progress)
        mapper = Mapper(collection)
        rows = {
            type_name: {
                oparl_id: fields
                for oparl_id, found in collection.objects[type_name].items()
                if (fields := _mapped(mapper, report, type_name, oparl_id, found)) is not None
            }
            for type_name in IMPORTED_TYPES
        }
        writer = Writer(report)
        for type_name in IMPORTED_TYPES:
            services.set_import_stage(run=run, stage=type_name)
            writer.write(type_name, rows[type_name])
            counts = report.counts[type_name]
            progress(
                _("%(type)s: %(created)s created, %(updated)s updated, %(unchanged)s unchanged, "
                  "%(skipped)s skipped") % {"type": type_name, **counts}
            )
    except SourceError as error:
        return services.finish_import_run(actor=actor, run=run, report=report, error=error)
    except Exception as error:
        logger.exception("OParl import of %s failed", source)
        services.finish_import_run(actor=actor, run=run, report=report, error=repr(error))
        raise
    return services.finish_import_run(actor=actor, run=run, report=report)


def _mapped(mapper, report, type_name, oparl_id, found):
    fields = mapper.fields(type_name, found)
    if fields is None:
        report.count(type_name, "skipped")
    return fields
