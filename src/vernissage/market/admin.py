"""The market's admins, one module per part of the market."""

from vernissage.market import admin_provenance  # noqa: F401
