from django.apps import AppConfig


class ThumbsmithConfig(AppConfig):
    name = "thumbsmith.django"
    # The default label is the name's last part, "django", which would read as Django's own.
    label = "thumbsmith"
    verbose_name = "thumbsmith"
