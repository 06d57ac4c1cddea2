from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "vernissage.people"
    label = "people"
    verbose_name = "People, organizations and places"
