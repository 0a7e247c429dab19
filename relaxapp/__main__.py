from relaxapp.launch import main

main()
