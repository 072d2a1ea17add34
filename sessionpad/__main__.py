from sessionpad.cli import main

raise SystemExit(main())
