"""What every app shares and no app owns. Imports no app of the project."""
