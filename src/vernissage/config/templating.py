"""Django's template backend, with each page's context taken apart once it is rendered.

A Django template's context is a reference cycle (``Context.dicts`` holds each
``ContextDict``, which holds the context back), so everything a page's context reaches (the
records read for it, the objects made for its template) could only be freed by Python's
cyclic collector, never by reference counting: some 2,400 objects an artist's page. They
piled up between collections and were walked there, in the middle of later requests: the
slowest pages (see ``config/process.py``). Emptied once the page is a string, the context
lets go of them at once.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.template.backends.django import DjangoTemplates as BaseDjangoTemplates
from django.template.backends.django import Template as BaseTemplate
from django.template.backends.django import reraise
from django.template.context import make_context
from django.template.exceptions import TemplateDoesNotExist


class Template(BaseTemplate):
    def render(
        self, context: dict[str, Any] | None = None, request: HttpRequest | None = None
    ) -> str:
        made = make_context(context, request, autoescape=self.backend.engine.autoescape)
        try:
            return self.template.render(made)
        except TemplateDoesNotExist as exc:
            reraise(exc, self.backend)
            raise  # reraise always raises
        finally:
            # What a test client keeps of the context is a copy, made while rendering.
            made.dicts.clear()
            made.render_context.dicts.clear()


class DjangoTemplates(BaseDjangoTemplates):
    def from_string(self, template_code: str) -> Template:
        return Template(self.engine.from_string(template_code), self)

    def get_template(self, template_name: str) -> Template:
        try:
            return Template(self.engine.get_template(template_name), self)
        except TemplateDoesNotExist as exc:
            reraise(exc, self)
            raise
