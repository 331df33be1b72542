"""Forums and agreements: negotiation tracks and the deals made in them (a story stage)."""

from dossier.forums import stage  # noqa: F401 - importing registers the stage
