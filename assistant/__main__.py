import sys

from assistant.main import main

sys.exit(main())
