"""The commands of `build.py`, one module each: what a site owner or editor runs.

These sit above the pipeline: they load the config, run stages through
`pipeline`, and talk to the person at the terminal. Unlike the stages they may
touch the file system for their own job: `articles` writes new files into
`content/`, `preview` serves the built site and watches for changes, `comparing`
reads two exports. No stage imports from here.
"""
