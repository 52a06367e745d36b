"""1000 of the keys the store benchmarks' fill gave its STORED events (3 per message), spread
over them, one a line: the fills' key_sql in Python (4 characters of the key alphabet from a
hash of the message's number, then the number in 18 digits).
    python3 bench/stored_keys.py STORED"""
import sys

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
messages = int(sys.argv[1]) // 3
for j in range(1000):
    m = j * messages // 1000
    h = (m * 2654435761) % 16777216
    print("".join(ALPHABET[(h >> s) % 64] for s in (18, 12, 6, 0)) + "%018d" % m)
