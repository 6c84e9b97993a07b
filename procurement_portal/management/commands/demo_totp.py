from django.core.management.base import BaseCommand

from procurement_portal.demo import current_demo_code


class Command(BaseCommand):
    help = "Print the current two-factor code of the demo government accounts."

    def handle(self, *args, **options):
        self.stdout.write(current_demo_code())
