"""Which Chinese script a text is in: a checker for pages, files and console output
that must not mix Simplified and Traditional characters.

`PAIRS` are common characters whose Simplified and Traditional forms differ and where
neither form is also a character of the other script (so not 后/後, 里/裡, 台/臺,
准/準, 据/據, 面/麵 …). That is far from every character, but labels of this project
use them throughout, so a catalogue or page in the wrong script shows some of them.
"""

from __future__ import annotations

_PAIRS = """
们們 这這 个個 为為 与與 关關 条條 业業 务務 员員 数數 导導 发發 时時 间間 对對 计計 术術
诉訴 满滿 处處 应應 门門 库庫 报報 质質 认認 审審 调調 单單 项項 区區 绩績 馈饋 评評 级級
奖獎 罚罰 费費 购購 车車 录錄 话話 询詢 线線 记記 标標 签簽 态態 况況 结結 论論 谈談 选選
择擇 类類 编編 号號 档檔 达達 现現 实實 组組 总總 汇匯 览覽 页頁 显顯 读讀 写寫 错錯 误誤
败敗 过過 运運 开開 启啟 闭閉 无無 问問 题題 户戶 确確 进進 际際 设設 说說 请請 让讓 将將
变變 见見 观觀 视視 觉覺 职職 训訓 练練 岗崗 额額 证證 晋晉 续續 责責 负負 议議 决決 驳駁
纳納 节節 优優 换換 递遞 响響 沟溝 产產 识識 讯訊 齐齊 团團 队隊 状狀 违違 规規
"""
PAIRS = [(p[0], p[1]) for p in _PAIRS.split()]
SIMPLIFIED_ONLY = frozenset(p[0] for p in PAIRS)
TRADITIONAL_ONLY = frozenset(p[1] for p in PAIRS)


def foreign_characters(text: str, language: str) -> str:
    """The characters of ``text`` that belong to the other script than ``language``'s
    (``zh-CN`` Simplified, ``zh-TW`` Traditional; ``en`` has no Chinese at all), in
    order of appearance, each once; empty when the text is clean."""
    if language == "zh-CN":
        foreign = TRADITIONAL_ONLY
    elif language == "zh-TW":
        foreign = SIMPLIFIED_ONLY
    elif language == "en":
        foreign = SIMPLIFIED_ONLY | TRADITIONAL_ONLY
    else:
        raise ValueError(f"no script for {language!r}")
    return "".join(dict.fromkeys(ch for ch in text if ch in foreign))


def assert_one_script(text: str, language: str, what: str = "text") -> None:
    found = foreign_characters(text, language)
    assert not found, f"{what} in {language} has characters of the other script: {found}"
