"""Texts of Django and of the libraries whose pages staff use (django-axes, django-import-export,
django-simple-history), where those projects' own catalogues lack them in one of the registry's
languages (Lithuanian and Ukrainian in parts of Django's admin; Belarusian in the libraries).

Listed here, marked but never called, so that ``make messages`` gathers them into the registry's
catalogues, which Django reads before the projects' own (``LOCALE_PATHS``). The test that walks
the admin in each language finds any that are missing.
"""

from django.utils.translation import gettext_noop as _

LIBRARY_TEXTS = [
    # django-axes: its models' names.
    _("access attempt"),
    _("access attempts"),
    _("access failure"),
    _("access failures"),
    _("access log"),
    _("access logs"),
    # django-import-export: the import and export pages.
    _("Import"),
    _("Export"),
    _("File to import"),
    _("Format"),
    _("Submit"),
    _("This importer will import the following fields: "),
    _("This exporter will export the following fields: "),
    # django-simple-history: the history page.
    _("Choose a date from the list below to revert to a previous version of this object."),
    _("This object doesn't have a change history."),
    _("Created"),
    _("Changed"),
    _("Deleted"),
    # django-simple-history: the revert page's button.
    _("Revert"),
    # Django's admin and accounts.
    _("Model name"),
    _("Add link"),
    _("Change or view list link"),
    _("Empty"),
    _("Not empty"),
    _("Enabled"),
    _("Disabled"),
    _("Show counts"),
    _("Hide counts"),
    _("Sidebar"),
    _("Start typing to filter…"),
    _("Toggle navigation"),
    _("Filter navigation items"),
    _("Skip to main content"),
    _("Toggle theme (current theme: auto)"),
    _("Toggle theme (current theme: light)"),
    _("Toggle theme (current theme: dark)"),
    _("Select all objects on this page for an action"),
    _("Reset password"),
    _("Hold down “Control”, or “Command” on a Mac, to select more than one."),
    _(
        "Please enter your old password, for security’s sake, and then enter your new password "
        "twice so we can verify you typed it in correctly."
    ),
    _("Your password can’t be a commonly used password."),
    _("Your password can’t be entirely numeric."),
]
