"""The demo: a municipality's transformation programme told as data (story/) and the engine that writes it
through the apps' models and services (engine/), loaded by the `seed_demo` command. No app imports it."""
