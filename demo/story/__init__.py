"""The demo's story as plain data: who works on which projects, what they reported, planned and decided, as
of late November 2026. Names follow the story; the engine (demo.engine) looks everything up by them."""
