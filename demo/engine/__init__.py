"""Writes the demo story (demo.story) through the apps' models and services, one module per app, so that a
second run changes nothing; `load` puts it all together for `seed_demo`."""
