from django.apps import AppConfig


class ImagesConfig(AppConfig):
    name = "vernissage.images"
    label = "images"
    verbose_name = "Images"
