#!/usr/bin/env python3
"""Generates a realistic benchmark corpus of chat logs and listings (not committed).

usage: scripts/make-corpus.py OUT_DIR MEGABYTES [FILES]
Mixed Chinese/English seller-buyer chats in the plain chat layout; about 8% of the
messages carry a promise (size, weight, material, return, delivery, warranty...).
"""
import os
import random
import sys

out, megabytes = sys.argv[1], float(sys.argv[2])
files = int(sys.argv[3]) if len(sys.argv) > 3 else max(1, int(megabytes * 20))
random.seed(42)

sellers = ["示例旗舰店:小美", "义乌市某某日用品有限公司", "Lisa (Shenzhen Bright Trading Co., Ltd)", "某某服饰专营店:阿强", "厂家直销客服"]
buyers = ["tb_小鹿买买买", "采购-王先生", "Mike Chen", "jd_买家8848", "王女士"]
filler = [
    "亲，在的哦，有什么可以帮您？", "好的，我看一下", "这款现在有活动吗？", "今天下单可以优惠吗", "亲，已经给您备注了",
    "谢谢亲的支持，欢迎下次光临", "物流到哪里了", "已经发出了，单号稍后发您", "颜色和图片一样吗", "Could you send me more photos?",
    "Thanks, let me check with my customer.", "OK, please confirm the order.", "收到了，包装挺好的", "能开发票吗？", "亲，这个是爆款哦",
    "好的，那我先拍了", "请问什么时候到货？", "Sure, no problem.", "客服在吗在吗", "亲亲，稍等一下哦，马上回复您",
]
promises = [
    "衣长{a}cm，胸围{b}cm，肩宽{c}cm", "这款长{a}cm，宽{c}厘米", "重{w}公斤左右", "净含量{v}毫升", "尺寸{a}*{c}*{d}cm",
    "面料是{p}%棉{q}%氨纶的", "支持七天无理由退货哦", "质量问题包退包换，48小时内发货", "一箱{n}个，{m}个起批",
    "质保一年，下单送运费险", "手工测量误差1-3cm属正常", "The bag is {a} x {c} x {d} cm, net weight {g} g.",
    "MOQ {m} pcs, ships within 7 days.", "Returns accepted within 30 days.", "功率{pw}W，电池容量{mah}mAh",
]

def line(day, second, name, text):
    return f"2024-03-{day:02d} {10 + second // 3600:02d}:{second // 60 % 60:02d}:{second % 60:02d} {name}: {text}\n"

os.makedirs(out, exist_ok=True)
per_file = int(megabytes * 1024 * 1024 / files)
for index in range(files):
    seller, buyer = random.choice(sellers), random.choice(buyers)
    parts, size, second = [], 0, 0
    while size < per_file:
        second = (second + random.randint(5, 90)) % 40000
        if random.random() < 0.08:
            text = random.choice(promises).format(a=random.randint(20, 120), b=random.randint(80, 120), c=random.randint(10, 60),
                d=random.randint(2, 30), w=round(random.uniform(0.2, 5), 1), v=random.choice([250, 500, 750, 1000]),
                p=random.choice([95, 90, 65]), q=random.choice([5, 10, 35]), n=random.choice([20, 50, 100]),
                m=random.choice([100, 200, 500]), g=random.randint(100, 900), pw=random.choice([20, 33, 65]), mah=random.choice([3000, 5000]))
            name = seller
        else:
            text, name = random.choice(filler), random.choice([seller, buyer])
        entry = line(1 + index % 28, second, name, text)
        parts.append(entry)
        size += len(entry.encode())
    with open(os.path.join(out, f"chat-{index:05d}.txt"), "w", encoding="utf-8") as handle:
        handle.write("".join(parts))
