from relaxapp.app import main

main()
