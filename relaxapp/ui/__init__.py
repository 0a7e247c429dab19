"""Floor 3: thin Qt widgets, a shell over the application floor (relaxapp.logic): they show and forward."""
