"""Launch relaxapp from a checkout: python main.py"""

from relaxapp.launch import main

if __name__ == "__main__":
    main()
