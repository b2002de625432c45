"""The steps of the analysis, each a small module with one :class:`~storyline.steps.base.Step`: its name, what
it reads and what it writes. :data:`storyline.pipeline.STEPS` puts them in order; ``ingest`` reads the inputs
into the store before them.

To add a step: write a module here with a function ``fn(run, *reads) -> {name: value}`` for each value it
writes and a ``STEP = Step(name, reads, writes, fn, stage)``, keep whatever it saves between runs under a
:class:`storyline.incremental.Saved` token of the settings it reads, and put it in ``STEPS`` after the steps
that write what it reads (:func:`~storyline.steps.base.run_steps` refuses a step whose reads are missing).
"""
