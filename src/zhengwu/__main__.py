from zhengwu.cli import main

main()
