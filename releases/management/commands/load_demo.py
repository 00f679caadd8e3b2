from django.core.management.base import BaseCommand

from releases import services


class Command(BaseCommand):
    help = (
        "Load the sourced demonstration data: US-brokered releases from Belarus in 2025-2026, "
        "with the people named in the reports and their legal record (detentions, charges, "
        "courts, sentences, places of detention). Running it again changes nothing."
    )

    def handle(self, *args, **options):
        result = services.load_demo()
        self.stdout.write(result.summary())
